/**
 * The baseline for the API's figures: NestJS on Fastify with routes that do nothing, started the
 * way ledger-api starts (PORT, HOST from the environment), so both pay the same framework costs.
 */
import 'reflect-metadata';
import { Controller, Get, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller()
class BareController {
  @Get('health')
  health() {
    return { status: 'ok' };
  }

  @Post('bare')
  @HttpCode(201)
  create() {
    return { id: 'bare' };
  }

  @Get('bare/:id')
  read(@Param('id') id: string) {
    return { id };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

const main = async () => {
  const app = await NestFactory.create<NestFastifyApplication>(
    BareModule,
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    {
      logger: ['error', 'warn'],
    },
  );
  await app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
