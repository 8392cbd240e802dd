export * from "./org";
export * from "./accounts";
export * from "./audit";
export * from "./mail";
export * from "./members";
export * from "./documents";
export * from "./portal";
export * from "./stats";
