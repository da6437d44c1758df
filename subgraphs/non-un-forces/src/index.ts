export { nonUnForces } from './definition';
