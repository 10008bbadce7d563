import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex } from 'antd';
import { certificatePdfUrl, type CertificateView } from '../../../api/certificates';
import { useIsMobile } from '../../../hooks/use-is-mobile';
import { CertificateFields } from './certificate-fields';

interface Props {
  certificate: CertificateView | null;
  onClose: () => void;
  onRevoke: (c: CertificateView) => void;
}

/** One certificate: its fields, the PDF, and 撤销 while it is valid. */
export function CertificateDrawer({ certificate: c, onClose, onRevoke }: Props) {
  const isMobile = useIsMobile();
  return (
    <Drawer
      open={c !== null}
      onClose={onClose}
      title={c ? `证书 ${c.number}` : '证书'}
      size={isMobile ? '100%' : 720}
      destroyOnHidden
      footer={
        c ? (
          <Flex gap={8} wrap justify="flex-end">
            {c.status === 'valid' ? (
              <Button danger icon={<StopOutlined />} onClick={() => onRevoke(c)}>
                撤销证书
              </Button>
            ) : null}
            <Button type="primary" icon={<DownloadOutlined />} href={certificatePdfUrl(c.id)} download>
              下载证书 PDF
            </Button>
          </Flex>
        ) : null
      }
    >
      {c ? <CertificateFields certificate={c} column={1} /> : null}
    </Drawer>
  );
}
