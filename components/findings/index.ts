export { FindingCard } from "./finding-card";
export { FindingList } from "./finding-list";
