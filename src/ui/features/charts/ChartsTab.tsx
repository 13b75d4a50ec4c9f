import { useTranslation } from 'react-i18next';
import type { AnalysisTabProps } from '../analysis/types';

// Placeholder until this tab is built; replaced in the same change set.
export default function ChartsTab(_props: AnalysisTabProps) {
  const { t } = useTranslation();
  return <h2>{t('analysis.tab.charts')}</h2>;
}
