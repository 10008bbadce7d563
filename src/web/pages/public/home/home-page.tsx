import { FileTextOutlined, LoginOutlined, ExperimentOutlined, AppstoreOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useMe } from '../../../api/session';
import { useDocumentTitle } from '../../../hooks/use-document-title';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { AgencyDirectory } from './agency-directory';
import { LightCard } from './light-card';

const STEPS = ['网上申报', '审查', '认定', '发证', '查询'];

const GUIDES = [
  {
    title: '申报人员',
    text: '申报账号由所在用人单位创建，身份信息须与社保参保信息一致。登录后在受理时间内填报并上传原件扫描件。',
  },
  {
    title: '用人单位 / 主管部门',
    text: '实名设置“经办人审查”“领导审查”两个账号（不得为同一人），为本单位人员创建申报账号并审核材料。',
  },
  {
    title: '认定机构',
    text: '按认定范围受理本地区、本级别的申报，逐级审查后作出认定并发放证书。',
  },
];

export function HomePage() {
  useDocumentTitle();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const isMobile = useIsMobile();
  const guides = (
    <Row gutter={[16, 16]}>
      {GUIDES.map((g) => (
        <Col key={g.title} xs={24} md={8}>
          <LightCard title={g.title} style={{ height: '100%' }}>
            <Typography.Paragraph style={{ margin: 0 }}>{g.text}</Typography.Paragraph>
          </LightCard>
        </Col>
      ))}
    </Row>
  );
  return (
    <Flex vertical gap={20}>
      <section className="home-banner" aria-labelledby="home-title">
        <h1 id="home-title">职称考核认定申报评审系统</h1>
        <p>
          专业技术资格考核认定全程网上办理，申报人员、用人单位、主管部门、人社部门均在本系统中完成各自环节。
        </p>
        <div className="home-steps" aria-label="办理环节">
          {STEPS.map((s) => (
            <span key={s} className="home-step">
              {s}
            </span>
          ))}
        </div>
        <Flex wrap gap={12}>
          {me ? (
            <Button
              size="large"
              className="home-cta"
              icon={<AppstoreOutlined />}
              onClick={() => navigate('/app')}
            >
              进入工作台
            </Button>
          ) : (
            <Button
              size="large"
              className="home-cta"
              icon={<LoginOutlined />}
              onClick={() => navigate('/login')}
            >
              登录系统
            </Button>
          )}
          <Button size="large" ghost icon={<ExperimentOutlined />} onClick={() => navigate('/self-check')}>
            申报条件自测
          </Button>
          <Button size="large" ghost icon={<FileTextOutlined />} onClick={() => navigate('/policy')}>
            政策文件
          </Button>
        </Flex>
      </section>

      {isMobile ? null : guides}
      <AgencyDirectory />
      {isMobile ? guides : null}
    </Flex>
  );
}
