/** The uploads contract (四、（三））on the local disk; storage-s3.test.ts runs it on an object store. */
import { uploadsContract } from './helpers/uploads-contract.js';

uploadsContract();
