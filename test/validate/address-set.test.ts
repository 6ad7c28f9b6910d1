import fc from 'fast-check';
import { AddressSet, permittedAddresses } from '../../lib/validate/address-set';

describe('AddressSet', () => {
  test('subtracting a sub-network leaves the fewest covering CIDRs', () => {
    const rest = AddressSet.ofCidrs(['10.0.0.0/8'])!.minus(AddressSet.ofCidrs(['10.0.0.0/9'])!);
    expect(rest.toCidrs()).toEqual(['10.128.0.0/9']);
  });

  test('IPv4 and IPv6 are separate families', () => {
    const v4 = AddressSet.ofCidrs(['0.0.0.0/0'])!;
    expect(AddressSet.all().minus(v4).toCidrs()).toEqual(['::/0']);
  });

  test('IPv6 CIDRs come back in canonical form', () => {
    expect(AddressSet.ofCidrs(['2001:db8::/32'])!.minus(AddressSet.ofCidrs(['2001:db8::/33'])!).toCidrs()).toEqual(['2001:db8:8000::/33']);
  });

  test('an expression makes the set unknown', () => {
    expect(AddressSet.ofCidrs(['${var.office_cidr}'])).toBeUndefined();
    expect(permittedAddresses(['192.0.2.0/24'], ['${var.blocked}'])).toBeUndefined();
  });

  test('permitted addresses: the allowed list (or everything) minus the denied list', () => {
    expect(permittedAddresses(['192.0.2.0/24'], ['192.0.2.0/25'])!.toCidrs()).toEqual(['192.0.2.128/25']);
    expect(permittedAddresses(undefined, ['0.0.0.0/0', '::/0'])!.isEmpty).toBe(true);
  });

  test('property: A minus B lies in A, shares nothing with B, and its CIDRs read back to the same set', () => {
    const cidr = fc.oneof(
      fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 8, max: 32 })).map(([n, p]) => {
        const network = p === 0 ? 0 : (n >>> (32 - p)) << (32 - p);
        return `${[24, 16, 8, 0].map((s) => (network >>> s) & 0xff).join('.')}/${p}`;
      }),
      fc.tuple(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(32, 40, 48)).map(([g, p]) => {
        const third = p === 32 ? 0 : p === 40 ? g & 0xff00 : g;
        return third === 0 ? `2001:db8::/${p}` : `2001:db8:${third.toString(16)}::/${p}`;
      }),
    );
    fc.assert(
      fc.property(fc.array(cidr, { maxLength: 6 }), fc.array(cidr, { maxLength: 6 }), (a, b) => {
        const setA = AddressSet.ofCidrs(a)!;
        const setB = AddressSet.ofCidrs(b)!;
        const difference = setA.minus(setB);
        const roundTrip = AddressSet.ofCidrs(difference.toCidrs())!;
        expect(roundTrip.minus(difference).isEmpty && difference.minus(roundTrip).isEmpty).toBe(true);
        expect(difference.minus(setA).isEmpty).toBe(true);
        // Nothing of B is left in A minus B.
        expect(difference.minus(setB).toCidrs()).toEqual(difference.toCidrs());
        expect(setA.minus(setA).isEmpty).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('AddressSet.fullFamilies', () => {
  test('names a family only when every one of its addresses is in the set', () => {
    expect(AddressSet.ofCidrs(['0.0.0.0/1', '128.0.0.0/1'])?.fullFamilies()).toEqual(['IPv4']);
    expect(AddressSet.ofCidrs(['::/0', '192.0.2.0/24'])?.fullFamilies()).toEqual(['IPv6']);
    expect(AddressSet.ofCidrs(['0.0.0.0/0', '::/1', '8000::/1'])?.fullFamilies()).toEqual(['IPv4', 'IPv6']);
    expect(AddressSet.ofCidrs(['0.0.0.0/1', '128.0.0.0/2'])?.fullFamilies()).toEqual([]);
    expect(AddressSet.ofCidrs([])?.fullFamilies()).toEqual([]);
  });
});
