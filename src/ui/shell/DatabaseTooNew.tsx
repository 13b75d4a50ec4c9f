import { useTranslation } from 'react-i18next';

export function DatabaseTooNewScreen({ version }: { version: number }) {
  const { t } = useTranslation();
  return (
    <main className="start" id="main">
      <h1>{t('app.tooNewTitle')}</h1>
      <p>{t('app.tooNewText', { version })}</p>
    </main>
  );
}
