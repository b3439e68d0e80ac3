import { startCluster } from "./cluster.ts";
import { CLUSTER_INFO_VARIABLE, type ClusterInfo } from "./cluster-info.ts";

/**
 * Starts the cluster once for the whole run (Playwright's globalSetup) and hands its addresses to the test
 * workers, which Playwright starts afterwards with this environment. The returned function is the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const cluster = await startCluster({
    basePort: Number(process.env.CLUSTER_BASE_PORT ?? 3300),
    databaseUrl: process.env.TEST_DATABASE_URL?.trim() || undefined,
    webInstances: 2,
    workers: 1,
    env: { LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? "info" },
  });
  const info: ClusterInfo = {
    webUrls: cluster.webUrls,
    webPids: cluster.web.map((instance) => instance.pid),
    webLogs: cluster.web.map((instance) => instance.logFile),
    workerNames: cluster.workers.map((worker) => worker.name),
    databaseUrl: cluster.databaseUrl,
    emailSinkUrl: cluster.emailSink.url,
    storage: cluster.storage,
    dataDir: cluster.dataDir,
  };
  process.env[CLUSTER_INFO_VARIABLE] = JSON.stringify(info);
  return () => cluster.stop();
}
