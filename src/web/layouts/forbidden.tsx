import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';

/** The 403 of the work area (RequireAccess), a chunk of its own: antd's Result brings its illustrations. */
export function Forbidden() {
  const navigate = useNavigate();
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle="您当前的角色无权使用此功能。如需开通，请联系本单位上级管理部门。"
      extra={
        <Button type="primary" onClick={() => navigate('/app')}>
          返回工作台
        </Button>
      }
    />
  );
}
