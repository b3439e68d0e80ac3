/** How globalSetup tells the test workers (other processes) where the cluster is. */
export const CLUSTER_INFO_VARIABLE = "PORTAL_CLUSTER_INFO";

export interface ClusterInfo {
  webUrls: string[];
  webPids: number[];
  webLogs: string[];
  workerNames: string[];
  databaseUrl: string;
  emailSinkUrl: string;
  /** Images go through the S3 server (its files under `directory`); every instance has a local folder of its own. */
  storage: { kind: "s3"; directory: string; bucket: string };
  dataDir: string;
}

export function clusterInfo(): ClusterInfo {
  const raw = process.env[CLUSTER_INFO_VARIABLE];
  if (!raw) throw new Error(`${CLUSTER_INFO_VARIABLE} is not set: run through playwright.cluster.config.ts (npm run test:cluster)`);
  return JSON.parse(raw) as ClusterInfo;
}
