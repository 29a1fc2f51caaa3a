/** Path of the server binary the helper starts (`FMAUTH_REDIS_SERVER` overrides it). */
export declare const REDIS_SERVER_PATH: string;

/** Why the Redis tests cannot run on this machine, or `undefined` when they can. */
export declare function redisSkipReason(): string | undefined;

export interface StartRedisServerOptions {
  /** Sets `--requirepass`; the returned `url` then carries it as `redis://:password@…`. */
  readonly password?: string;
  /** More `--name value` arguments for redis-server, appended last. */
  readonly extraArgs?: readonly string[];
}

export interface RedisServerHandle {
  /** `redis://127.0.0.1:PORT`, with `:password@` when a password was given. */
  readonly url: string;
  readonly port: number;
  readonly password: string | undefined;
  /** The running process's id, `undefined` before the first start. */
  readonly pid: number | undefined;
  /** Graceful shutdown (SIGTERM); removes the server's working directory. */
  stop(): Promise<void>;
  /** SIGKILL, like a crash: clients see a reset connection. */
  kill(): Promise<void>;
  /** Starts the server again on the same port (stopping it first if it runs). Data is not kept. */
  restart(): Promise<void>;
  /** SIGSTOP: the port stays open but nothing answers, like a hung server. */
  pause(): void;
  /** SIGCONT after {@link RedisServerHandle.pause}. */
  resume(): void;
}

/** Starts redis-server on a free loopback port and resolves once it answers (within about 5 s). */
export declare function startRedisServer(options?: StartRedisServerOptions): Promise<RedisServerHandle>;
