// Run before every test file. The files of a worker run one after another in the same process and
// share the modules it has loaded (isolate: false in vite.config.ts): a fresh process for each file
// spent about 40% of the run's processor time loading the same modules again. So that no file sees
// what another changed, each ends with the environment variables it started with. Databases a file
// opened stay open until the worker ends, as they did when each file had its own process: closing
// them checkpoints each one, about 50 s of processor time a run (a worker peaks near 1.7 GB).
import { afterAll } from 'vitest';

const environment = { ...process.env };

afterAll(() => {
	for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
	Object.assign(process.env, environment);
});
