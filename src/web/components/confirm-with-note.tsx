import { App, Input } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../api/client';

/**
 * A confirmation that asks for a note (an opinion, a reason, the basis of a decision) and runs an
 * action with it; the dialog stays open with the server's message when the action fails.
 */
export function useConfirmWithNote() {
  const { modal, message } = App.useApp();
  return (opts: {
    title: string;
    placeholder: string;
    /** Shown above the note, e.g. choices that go with it. */
    extra?: ReactNode;
    okText?: string;
    done?: string;
    run: (note: string) => Promise<unknown>;
  }) => {
    let note = '';
    // Awaiting the dialog's handle makes antd keep a failed action's rejection to itself (the dialog
    // stays open with the message) instead of leaving it unhandled on the page.
    void (async () => {
      await modal.confirm({
        title: opts.title,
        content: (
          <>
            {opts.extra}
            <Input.TextArea
              aria-label="意见"
              placeholder={opts.placeholder}
              onChange={(e) => (note = e.target.value)}
              style={{ marginTop: opts.extra ? 8 : 0 }}
            />
          </>
        ),
        okText: opts.okText ?? '确认',
        cancelText: '取消',
        onOk: () =>
          opts
            .run(note.trim())
            // One key: the success replaces a refusal's message still on screen from an earlier try.
            .then(() => void message.success({ key: 'confirm-with-note', content: opts.done ?? '已办理' }))
            .catch((e: unknown) => {
              void message.error({ key: 'confirm-with-note', content: errorMessage(e) });
              throw e;
            }),
      });
    })();
  };
}
