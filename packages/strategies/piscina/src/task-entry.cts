/**
 * The file piscina loads in each worker thread. piscina require()s its task file, and on Node 20.19+ requiring an
 * ES module (task.js) takes the require(esm) path, which aborts the whole process when the thread is terminated in
 * the middle of it — a pool closed while a thread is still loading (see README). This file is CommonJS and requires
 * nothing: it loads the task with import(), whose loader a terminated thread simply stops.
 *
 * piscina awaits an exported promise before it marks the thread ready, so a thread is ready once the task and its
 * imports are loaded, as before, and each part calls runPart itself.
 */
export = import('./task.js').then((task) => task.default);
