vcl 4.1;

# The shared cache in front of Loa's app servers. It keeps only what the app
# marks as shared (`Cache-Control: public, s-maxage=…`: public pages, PDFs,
# recordings, search answers) and forgets it when the app purges it
# (web/front_cache.py). `@BACKEND_PORT@` is filled in when it starts
# (site/bench/shared_cache_server.py, `make cached`).

backend loa {
    .host = "127.0.0.1";
    .port = "@BACKEND_PORT@";
}

# Who may purge: the app servers and their workers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        return (purge);
    }
    if (req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("req.http.host == " + req.http.host);
        return (synth(200, "Banned"));
    }
    # Then Varnish's built-in rules: anything but GET and HEAD, and any
    # request with a cookie (a signed-in person, an officer) or an
    # Authorization header, goes straight to the app.
}

sub vcl_backend_response {
    # Nothing is kept that the app did not mark as shared: Varnish's default
    # would keep any response without Cache-Control (a 404, a redirect) for
    # two minutes.
    if (!beresp.http.Cache-Control) {
        set beresp.ttl = 0s;
    }
}

sub vcl_deliver {
    set resp.http.X-Cache = "miss";
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    }
    # A browser keeps a page `max-age` seconds from when it got it, however
    # long it was kept here (purges keep this copy current).
    unset resp.http.Age;
}
