import { version } from '../../package.json';

/** The app version written into bundles' manifests. */
export const APP_VERSION: string = version;
