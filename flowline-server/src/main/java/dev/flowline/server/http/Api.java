package dev.flowline.server.http;

/** A resource's HTTP API; its route table is the first thing in the class. */
public interface Api {
    void routes(RouteTable table);
}
