// "next" itself: generated code imports only types from it.
export {};
