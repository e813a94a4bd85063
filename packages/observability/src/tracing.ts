import { trace } from '@opentelemetry/api';
import { BullMQOtel } from 'bullmq-otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * OpenTelemetry, off unless an OTLP endpoint is configured: then spans of HTTP
 * requests, engine transactions and BullMQ jobs (bullmq-otel) go to it. Without
 * one, the API's tracer is a no-op and costs nothing.
 */
export interface Tracing {
  /** Pass as `telemetry` to BullMQ queues and workers; undefined when tracing is off. */
  bullmq: BullMQOtel | undefined;
  shutdown(): Promise<void>;
}

export function startTracing(service: string, endpoint: string | undefined): Tracing {
  if (!endpoint) return { bullmq: undefined, shutdown: async () => {} };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: endpoint }))],
  });
  provider.register();
  return { bullmq: new BullMQOtel({ tracerName: 'dondoc' }), shutdown: () => provider.shutdown() };
}

export const tracer = () => trace.getTracer('dondoc');
