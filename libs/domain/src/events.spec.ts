import { caseStreamName } from './events';

describe('case streams', () => {
  it('are named case-<id>', () => {
    expect(caseStreamName('abc')).toBe('case-abc');
  });
});
