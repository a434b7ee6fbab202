import { hashToken } from './principal-store';

describe('hashToken', () => {
  it.each([
    [
      'cred_e2e-admin-token-0123456789abcdef',
      '1bc176c5f9f3fcc5415a248467b476fcd6f47d0d508f13bfedac4c47425fe9a0',
    ],
    ['cred_é', '9a0f953ebb058ee571d8faac08f7cc8b795f11ff05d7a8ab99b880ab77925b84'],
  ])(
    'given the token %j, when it is hashed, then it is the hex SHA-256 of its UTF-8 bytes, as stored',
    (token, stored) => {
      expect(hashToken(token)).toBe(stored);
    },
  );
});
