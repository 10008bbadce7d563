import { DownloadOutlined, InboxOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState, type ReactNode } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError, api, errorMessage } from '../api/client';
import { RowErrorsTable } from './row-errors-table';

interface Props<T> {
  /** Where the blank template is downloaded (a plain same-origin link). */
  templateUrl: string;
  templateName: string;
  /** POST target (multipart, field 'file'). */
  uploadPath: string;
  accept: string;
  acceptHint: string;
  maxBytes?: number;
  onImported: (result: T) => void;
  /** Extra guidance shown above the upload box. */
  hint?: ReactNode;
}

/** Template download + single-file upload + row-level error report for spreadsheet imports. */
export function FileImportPanel<T>({
  templateUrl,
  templateName,
  uploadPath,
  accept,
  acceptHint,
  maxBytes = 10 * 1024 * 1024,
  onImported,
  hint,
}: Props<T>) {
  const [file, setFile] = useState<File | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (f: File) => api.upload<T>(uploadPath, f),
    onSuccess: (result) => {
      setFile(null);
      onImported(result);
    },
  });

  const extensions = accept.split(',').map((s) => s.trim().toLowerCase());
  const fileList: UploadFile[] = file
    ? [{ uid: 'selected', name: file.name, status: 'done', size: file.size }]
    : [];
  const rowErrors = mutation.error instanceof ApiError ? mutation.error.rowErrors : null;

  return (
    <Flex vertical gap={16}>
      {hint}
      <div>
        <Typography.Text strong>第一步：</Typography.Text>
        <Typography.Text>下载导入模板，按模板格式填写（不要修改表头）。</Typography.Text>
        <div style={{ marginTop: 8 }}>
          <Button icon={<DownloadOutlined />} href={templateUrl} download>
            下载{templateName}
          </Button>
        </div>
      </div>
      <div>
        <Typography.Text strong>第二步：</Typography.Text>
        <Typography.Text>选择填好的文件并上传。</Typography.Text>
        <Upload.Dragger
          style={{ marginTop: 8 }}
          accept={accept}
          multiple={false}
          maxCount={1}
          fileList={fileList}
          beforeUpload={(f) => {
            const lower = f.name.toLowerCase();
            if (!extensions.some((ext) => lower.endsWith(ext))) {
              setLocalError(`文件类型不正确：${acceptHint}`);
              return Upload.LIST_IGNORE;
            }
            if (f.size > maxBytes) {
              setLocalError(`文件过大：不能超过 ${Math.round(maxBytes / 1024 / 1024)} MB`);
              return Upload.LIST_IGNORE;
            }
            setLocalError(null);
            mutation.reset();
            setFile(f);
            return false;
          }}
          onRemove={() => {
            setFile(null);
            return true;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖拽文件到此处选择</p>
          <p className="ant-upload-hint">{acceptHint}</p>
        </Upload.Dragger>
      </div>
      {localError ? <Alert type="error" showIcon title={localError} /> : null}
      <div>
        <Button
          type="primary"
          icon={<UploadOutlined />}
          disabled={!file}
          loading={mutation.isPending}
          onClick={() => file && mutation.mutate(file)}
        >
          开始导入
        </Button>
      </div>
      {mutation.isError ? (
        rowErrors && rowErrors.length > 0 ? (
          <RowErrorsTable
            rows={rowErrors}
            message={mutation.error.message}
            total={(mutation.error as ApiError).rowErrorTotal}
          />
        ) : (
          <Alert type="error" showIcon title="导入失败" description={errorMessage(mutation.error)} />
        )
      ) : null}
    </Flex>
  );
}
