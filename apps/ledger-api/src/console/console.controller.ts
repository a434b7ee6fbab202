import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/roles';

/**
 * Where `npm run build` puts the console: dist/console, seen from the compiled API
 * (dist/apps/ledger-api/src/console) or from its TypeScript sources (tests, the dev server).
 */
export const CONSOLE_DIR =
  [resolve(__dirname, '../../../../console'), resolve(__dirname, '../../../../dist/console')].find((dir) =>
    existsSync(resolve(dir, 'index.html')),
  ) ?? resolve(__dirname, '../../../../dist/console');

/** Vite names every built asset after its content hash, so it can be cached for good. */
const HASHED_ASSET = /^assets\/[\w.-]+-[\w-]{8,}\.(js|css|svg|png|woff2?)$/;

/**
 * The console's static files. Public by nature: they hold no data, and every call the console makes
 * sends the user's own bearer token to the API, which checks it. Declared here, as routes with
 * @Public(), so the route-role test lists them rather than their living outside the guard unseen.
 */
@ApiExcludeController()
@Controller()
export class ConsoleController {
  @Get('console')
  @Public()
  index(@Res() reply: FastifyReply) {
    return this.page(reply);
  }

  /** A hashed asset, or else a client-side route: those all get the app's page. */
  @Get('console/*')
  @Public()
  file(@Param('*') path: string | string[], @Res() reply: FastifyReply) {
    const file = Array.isArray(path) ? path.join('/') : path;
    if (HASHED_ASSET.test(file) && existsSync(resolve(CONSOLE_DIR, file))) {
      return reply.sendFile(file, CONSOLE_DIR, { immutable: true, maxAge: '365d' });
    }
    if (file.startsWith('assets/')) throw new NotFoundException(`No console asset ${file}`);
    return this.page(reply);
  }

  /** The public verification page: the same app, which needs no sign-in on this route. */
  @Get('verify')
  @Public()
  verify(@Res() reply: FastifyReply) {
    return this.page(reply);
  }

  private page(reply: FastifyReply) {
    if (!existsSync(resolve(CONSOLE_DIR, 'index.html'))) {
      throw new NotFoundException(
        'The console is not built: run `npm run build` (npm start does it for you)',
      );
    }
    // index.html names the current hashed assets, so browsers must revalidate it every time.
    return reply
      .header('cache-control', 'no-cache')
      .sendFile('index.html', CONSOLE_DIR, { cacheControl: false });
  }
}
