import type { SessionResultStatus } from '@pitwall/shared';

const LABEL: Record<SessionResultStatus, string> = {
  provisional: 'PROVISIONAL',
  'provisional-classification': 'PROVISIONAL CLASSIFICATION',
  official: 'OFFICIAL',
};

export function ResultStatusTag({ status }: { status: SessionResultStatus }) {
  return (
    <span className={`result-status result-${status}`} data-result-status={status}>
      {LABEL[status]}
    </span>
  );
}
