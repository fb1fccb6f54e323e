import { spawn } from 'node:child_process';

export interface NodeRun {
	status: number | null;
	stdout: string;
	stderr: string;
}

/**
 * Runs a TypeScript file in a new Node process (through tsx, as `npm run lantern` does) and resolves
 * with what it printed. Asynchronous on purpose: a test worker that waits in spawnSync for a minute
 * on a loaded machine misses Vitest's own messages and fails the run with "Timeout calling onTaskUpdate".
 */
export function runNode(
	args: readonly string[],
	options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv }
): Promise<NodeRun> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('close', (status) => {
			clearTimeout(timer);
			resolve({ status, stdout, stderr });
		});
	});
}
