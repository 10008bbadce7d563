import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { queryClient } from './api/query-client';
import { router } from './router';

/**
 * Colours meet WCAG 2.x AA contrast (4.5:1 for text; GB/T 37668), checked by axe in the browser tests:
 * antd's defaults for secondary text (#8c8c8c, 3.4:1), links (#1677ff, 4.1:1) and the light tags'
 * text (e.g. gold #d48806 on #fffbe6, 2.8:1) do not, so they are set darker here.
 */
const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d5fae',
    // A primary button under the pointer darkens (white on it 8.8:1) instead of lightening (4.47:1).
    colorPrimaryHover: '#164a8a',
    colorPrimaryActive: '#123c70',
    // Links follow colorInfo (#1677ff) unless told: the primary blue, 6.4:1 on white.
    colorLink: '#1d5fae',
    colorLinkHover: '#164a8a',
    colorLinkActive: '#123c70',
    // Secondary text (Typography type="secondary", descriptions' labels, statistic titles, form help):
    // rgba(0,0,0,.6) is 5.7:1 on white and 5.6:1 on the grey page background.
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    // Placeholders that are text (antd's Select draws its own): 5.3:1 on white, 5.2:1 on a disabled field.
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // Error text (form messages, danger buttons; white on it for a primary danger button): 5.6:1.
    colorError: '#cf1322',
    // …and darker, not lighter, under the pointer (a danger text button on a hovered row: 7:1).
    colorErrorHover: '#a8071a',
    colorErrorActive: '#820014',
    // Typography type="success" / "warning" (e.g. 已保存): 5.6:1 and 6.8:1 on white.
    colorSuccessText: '#237804',
    colorWarningText: '#874d00',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#0f3b73', headerPadding: '0 16px', siderBg: '#ffffff' },
    // A light tag's text is its palette's 7th shade on the 1st: a darker shade where that is under 4.5:1.
    Tag: {
      cyan7: '#006d75',
      gold7: '#874d00',
      green7: '#237804',
      orange7: '#ad4e00',
      volcano7: '#ad2102',
      lime7: '#3f6600',
      yellow7: '#876800',
      colorSuccess: '#237804',
      colorWarning: '#874d00',
      colorInfo: '#0958d9',
    },
    // A disabled select shows a read-only application's answers (a reviewer's view): they must be legible.
    Select: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
    // A table's empty text (暂无数据) is drawn in the disabled grey (1.8:1): it is text to read. (A List's
    // ignores this token: a List's empty text is given as secondary Typography where it is set.)
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.6)' },
  },
};

export function Root() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
