/**
 * The post-period forecast averaged over the variance nodes (variance-posterior.ts): at each node
 * the pre-period is filtered, σ² estimated, and the joint forecast taken; the mixture's mean and
 * covariance follow by the law of total variance. The same is done for the control coefficients.
 */
import { jointForecast, kalmanFilter } from './kalman';
import type { StructuralModel } from './structural-model';
import type { Transform } from './types';
import type { VarianceNode } from './variance-posterior';

export interface ForecastMoments {
	/** Per point, on the modelled scale: the mean and variance that set the pointwise interval. */
	mean: Float64Array;
	variance: Float64Array;
	/** Joint moments on the data's scale (of e^z on the log scale). */
	dataMean: Float64Array;
	dataCovariance: Float64Array;
}

export interface AveragedForecast {
	moments: ForecastMoments;
	/** The control coefficients on the standardised scale: mean and covariance. */
	coefficients: { mean: Float64Array; covariance: Float64Array };
}

/** Filters y[from … startIndex − 1] at each node and forecasts startIndex … n − 1 (none when they are equal). */
export function averagedForecast(
	structure: StructuralModel,
	y: ArrayLike<number>,
	range: { from: number; startIndex: number; n: number },
	nodes: readonly VarianceNode[],
	transform: Transform
): AveragedForecast {
	const { from, startIndex, n } = range;
	const count = n - startIndex;
	const m = structure.model.stateSize;
	const r = structure.regressionOffset;
	const k = m - r;
	const z = new Moments(count);
	const data = new Moments(count);
	const beta = new Moments(k);
	for (const { ratios, weight } of nodes) {
		structure.setRatios(ratios);
		const run = kalmanFilter(structure.model, y, from, startIndex);
		const scale = run.sumSquares / run.regularSteps;
		const { mean, covariance } = jointForecast(structure.model, run, startIndex, n);
		for (let i = 0; i < covariance.length; i++) covariance[i]! *= scale;
		z.add(weight, mean, covariance);
		if (transform === 'none') data.add(weight, mean, covariance);
		else {
			const e = Float64Array.from(mean, (mu, i) => Math.exp(mu + covariance[i * count + i]! / 2));
			const c = covariance.map((v, ij) => e[Math.floor(ij / count)]! * e[ij % count]! * Math.expm1(v));
			data.add(weight, e, c);
		}
		const b = run.state.slice(r);
		const bc = new Float64Array(k * k);
		for (let i = 0; i < k; i++)
			for (let j = 0; j < k; j++) bc[i * k + j] = scale * run.covariance[(r + i) * m + r + j]!;
		beta.add(weight, b, bc);
	}
	const zMoments = z.result();
	const dataMoments = data.result();
	const betaMoments = beta.result();
	return {
		moments: {
			mean: zMoments.mean,
			variance: Float64Array.from({ length: count }, (_, i) => zMoments.covariance[i * count + i]!),
			dataMean: dataMoments.mean,
			dataCovariance: dataMoments.covariance
		},
		coefficients: betaMoments
	};
}

/**
 * Running mixture moments: E[x] and E[C] + Cov over nodes of the means. Deviations are taken from
 * the first node's mean, so a level of thousands does not swamp a variance of tens.
 */
class Moments {
	private reference: Float64Array | null = null;
	private shift: Float64Array;
	private second: Float64Array;
	constructor(private size: number) {
		this.shift = new Float64Array(size);
		this.second = new Float64Array(size * size);
	}

	add(weight: number, mean: Float64Array, covariance: Float64Array): void {
		this.reference ??= mean.slice();
		const d = mean.map((v, i) => v - this.reference![i]!);
		const p = this.size;
		for (let i = 0; i < p; i++) {
			this.shift[i]! += weight * d[i]!;
			for (let j = 0; j < p; j++) this.second[i * p + j]! += weight * (covariance[i * p + j]! + d[i]! * d[j]!);
		}
	}

	result(): { mean: Float64Array; covariance: Float64Array } {
		const p = this.size;
		const reference = this.reference ?? new Float64Array(p);
		const mean = reference.map((v, i) => v + this.shift[i]!);
		const covariance = this.second.map((v, ij) => v - this.shift[Math.floor(ij / p)]! * this.shift[ij % p]!);
		return { mean, covariance };
	}
}
