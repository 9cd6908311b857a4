# The LemonLDAP::NG portal with its static files (CSS, JS of the login page),
# for plackup. tools/oidc.sh runs it with LLNG_DEFAULTCONFFILE set.
use strict;
use warnings;
use Plack::Builder;
use Plack::App::File;
use Lemonldap::NG::Portal::Main;

my $portal = Lemonldap::NG::Portal::Main->run( {} );
builder {
    mount '/static' => Plack::App::File->new(
        root => '/usr/share/lemonldap-ng/portal/htdocs/static' )->to_app;
    mount '/' => $portal;
};
