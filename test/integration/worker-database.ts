/**
 * Points the test file at its Jest worker's database (JEST_WORKER_ID counts workers from 1; with `--runInBand` it
 * is 1): global-setup made one per worker and passed their URLs in TEST_DATABASE_URLS.
 */
const urls = JSON.parse(process.env.TEST_DATABASE_URLS ?? '[]') as string[];
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
const url = urls[worker - 1];
if (!url)
  throw new Error(`No test database for Jest worker ${worker} of ${urls.length}: run through jest (globalSetup)`);
process.env.TEST_DATABASE_URL = url;
