import type { CertificateClaims } from '../../../src/domain/certificate-payload.js';

/** A typical certificate (lengths like real data: a long employer name and 批复文号). */
export const typicalClaims: CertificateClaims = {
  number: 'GZ01-2026-ZL-000123',
  name: '欧阳𠈌明',
  gender: '男',
  birthMonth: '1992-07',
  series: '工程技术',
  specialty: '建筑工程施工',
  qualification: '助理工程师',
  level: '助理级',
  agencyCode: 'GZ01',
  agency: '赣州市职称工作办公室',
  documentNumber: '赣市人社职字〔2026〕12号',
  obtainedOn: '2026-06-30',
  issuedOn: '2026-07-15',
  employer: '赣州市章贡区城市建设投资集团有限公司第三工程项目部',
};
