import type { Command } from '../core';
import type { QaBodyRegistered } from './events';

export type RegisterQaBody = Command<'RegisterQaBody', QaBodyRegistered['data']>;

export type QaBodyCommand = RegisterQaBody;
