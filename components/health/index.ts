export { HealthCard } from "./health-card";
export { RecheckButton } from "./recheck-button";
export { type HealthStatus, StatusBadge } from "./status-badge";
