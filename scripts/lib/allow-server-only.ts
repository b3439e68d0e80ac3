// Registers ./server-only-hooks.mjs: import this first, then import the server code dynamically (static
// imports are all resolved before this module runs, too early for the hook).
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
