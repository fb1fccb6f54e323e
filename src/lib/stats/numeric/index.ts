/** Numerical building blocks of the estimators: dense matrices and least squares, and the distributions their tests use. */
export {
	cholesky,
	CollinearityError,
	fromRows,
	matrix,
	multiply,
	multiplyVector,
	quadraticForm,
	rowDot,
	scale,
	solvePositiveDefinite,
	toRows,
	weightedLeastSquares,
	type Matrix
} from './linear-algebra';
export { chiSquareSurvival, normalCdf, normalQuantile, studentTQuantile, studentTwoSidedP } from './distributions';
