export * from "./check";
export * from "./records";
export * from "./resolver";
