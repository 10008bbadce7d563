import type { CSSProperties, ReactNode } from 'react';

/**
 * A small card drawn like antd's `<Card size="small">` (global.css `.light-card`): the home page shows 24 of
 * them, and antd's Card brings its Tabs (for tab lists the home has none of) to the public page's first load.
 */
export function LightCard({
  title,
  children,
  style,
  role,
}: {
  title: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
  role?: string;
}) {
  return (
    <div className="light-card" style={style} role={role}>
      <div className="light-card-head">{title}</div>
      <div className="light-card-body">{children}</div>
    </div>
  );
}
