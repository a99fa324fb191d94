import { caseIdOfStream, caseStreamName } from './events';

describe('case streams', () => {
  it('are named case-<id>', () => {
    expect(caseStreamName('abc')).toBe('case-abc');
  });

  it('give back the case id of a case stream, and nothing for other streams', () => {
    expect(caseIdOfStream(caseStreamName('abc'))).toBe('abc');
    expect(caseIdOfStream('alerts-ombudsman')).toBeUndefined();
  });
});
