import type { Command } from '../core';
import type { IssuerState } from '../issuer/state';
import type { SpecificationContent } from './events';

export type PublishSpecification = Command<
  'PublishSpecification',
  SpecificationContent & { specificationId: string; context: { issuer: IssuerState } }
>;
export type RetireSpecification = Command<'RetireSpecification', { specificationId: string; note?: string }>;

/** The full content of the next version: a revision replaces, it does not patch. */
export type ReviseSpecification = Command<
  'ReviseSpecification',
  SpecificationContent & { specificationId: string; context: { issuer: IssuerState } }
>;

export type SpecificationCommand = PublishSpecification | ReviseSpecification | RetireSpecification;
