import type { Application } from '../../src/domain/applications';

let next = 1;

/** A valid application; override what the test is about. */
export function application(overrides: Partial<Application> = {}): Application {
  const n = next++;
  const role = overrides.role ?? 'Mentee';
  return {
    row: n,
    id: `A${String(n).padStart(3, '0')}`,
    role,
    name: `Person ${n}`,
    email: `person${n}@example.org`,
    service: `Service ${n}`,
    jobTitle: 'Head of Libraries',
    headOfService: 'Yes',
    areas: 'Budgeting',
    capacity: role === 'Mentor' ? '2' : '',
    video: role === 'Mentor' ? 'https://drive.google.com/file/d/x/view' : '',
    goals: role === 'Mentee' ? 'Confidence' : '',
    consent: 'I agree',
    submitted: new Date(Date.UTC(2026, 4, 1, 9, n)),
    status: 'Applied',
    reviewedStatus: '',
    ...overrides,
  };
}
