/** How globalSetup tells the test workers (other processes) where the cluster is. */
export const CLUSTER_INFO_VARIABLE = "PORTAL_CLUSTER_INFO";

export interface ClusterInfo {
  webUrls: string[];
  webPids: number[];
  webLogs: string[];
  workerNames: string[];
  databaseUrl: string;
  emailSinkUrl: string;
  /** "s3": every instance has a local folder of its own and images go through S3; "shared-disk": one UPLOADS_DIR for all. */
  storage: { kind: "s3"; directory: string; bucket: string } | { kind: "shared-disk"; directory: string };
  dataDir: string;
}

export function clusterInfo(): ClusterInfo {
  const raw = process.env[CLUSTER_INFO_VARIABLE];
  if (!raw) throw new Error(`${CLUSTER_INFO_VARIABLE} is not set: run through playwright.cluster.config.ts (npm run test:cluster)`);
  return JSON.parse(raw) as ClusterInfo;
}
