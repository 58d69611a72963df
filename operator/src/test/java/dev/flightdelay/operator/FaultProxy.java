package dev.flightdelay.operator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.flightdelay.testing.MotoServer;
import java.net.URI;
import java.util.function.Supplier;

/**
 * A WireMock proxy in front of moto, on loopback: every request goes through to moto unless a
 * test told it to answer some with faults first (throttling, 5xx, reset connections).
 */
public final class FaultProxy implements AutoCloseable {

  private final WireMockServer server;

  private FaultProxy(WireMockServer server) {
    this.server = server;
  }

  public static FaultProxy in(MotoServer moto) {
    WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    server.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(moto.endpoint().toString())));
    return new FaultProxy(server);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /** The WireMock server, for more stubs and for the requests it saw. */
  public WireMockServer server() {
    return server;
  }

  /** The first times a request matches, answer with these faults, in order; after that, moto answers. */
  public void failFirst(Supplier<MappingBuilder> request, String scenario, ResponseDefinitionBuilder... faults) {
    String state = Scenario.STARTED;
    for (int i = 0; i < faults.length; i++) {
      String next = i == faults.length - 1 ? "healed" : "fault-" + (i + 1);
      server.stubFor(request.get().atPriority(1).inScenario(scenario).whenScenarioStateIs(state)
          .willReturn(faults[i]).willSetStateTo(next));
      state = next;
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
