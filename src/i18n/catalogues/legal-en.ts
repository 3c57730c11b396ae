import type { legalFr } from './legal-fr';

export const legalEn: Record<keyof typeof legalFr, string> = {
  'legal.why.sources': 'Source: {sources}',
  'legal.enter.admin': 'Enter the official value: Administration › Legal parameters',
  'legal.enter.others':
    'Only a Relais administrator can enter the official value: ask them to do it in Administration › Legal parameters.',
  'legal.missing': '{parameter} is not known for {date}: the diagnosis cannot be computed.',
  'legal.name.seizureScale': 'The seizure scale',
  'legal.name.rsa.amounts': 'The RSA amount',
  'legal.name.rsa.mayotteBaseAmount': 'The RSA amount in Mayotte',
  'legal.name.legalInterestRate': 'The legal interest rate',
  'legal.name.commissionForfait': 'A commission forfait',
  'legal.name.other': 'A legal value',
};
