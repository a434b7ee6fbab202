import type { Command } from '../core';
import type { IssuerState } from '../issuer/state';
import type { SpecificationContent } from './events';

export type PublishSpecification = Command<
  'PublishSpecification',
  SpecificationContent & { specificationId: string; context: { issuer: IssuerState } }
>;
export type RetireSpecification = Command<'RetireSpecification', { specificationId: string; note?: string }>;

export type SpecificationCommand = PublishSpecification | RetireSpecification;
