// Running from source (npm run dev, the tests): a worker thread does not inherit tsx's loader, so this
// loads the TypeScript worker through tsx's API. The built server loads dist/…/file-worker.js directly.
import { workerData } from 'piscina';
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport(workerData.source, import.meta.url);
export default worker.default;
