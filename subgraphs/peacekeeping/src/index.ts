export { peacekeeping as definition } from './definition';
