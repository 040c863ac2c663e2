"""The Family Conference Portal."""

from __future__ import annotations

import os
from typing import Any

from flask import Flask, Response, request
from jinja2 import (
    ChoiceLoader,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
)
from werkzeug.middleware.proxy_fix import ProxyFix

from portal import config as settings
from portal.config import ROOT, ConfigError


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app: read settings, attach extensions, register blueprints. Wiring only."""
    try:
        environ = dict(os.environ)
        if config and "PORTAL_ENV" in config:
            # Defaults follow the environment the caller chose (the tests choose testing).
            environ["PORTAL_ENV"] = config["PORTAL_ENV"]
        values = settings.load(environ)
        values.update(config or {})
        settings.validate(values)
    except ConfigError as error:
        # One clear line for the operator, not a traceback.
        raise SystemExit(f"portal: {error}") from None

    app = Flask(
        "portal",
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=values["INSTANCE_PATH"],
        instance_relative_config=False,
    )
    app.config.update(values)

    _templates(app)
    _extensions(app)
    _blueprints(app)
    _commands(app)
    if values["TRUSTED_PROXIES"]:
        # Only behind proxies the council names: the client address and scheme they pass on.
        # Outermost, around the static files too.
        count = values["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)  # type: ignore[method-assign]
    return app


def _templates(app: Flask) -> None:
    # Our own templates first: they override the few GOV.UK macros whose English
    # text is hard-coded, so every word on a page can be translated.
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(ROOT / "templates")),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                    "govuk_upstream": PackageLoader("govuk_frontend_jinja"),
                }
            ),
        ]
    )
    # Compiled templates are kept on disk, so a new worker does not compile them again.
    app.jinja_env.bytecode_cache = FileSystemBytecodeCache()
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.autoescape = True


def _extensions(app: Flask) -> None:
    from govuk_frontend_wtf.main import WTFormsHelpers

    from portal import (
        assets,
        deadline_text,
        i18n,
        labels,
        logs,
        report_words,
        security,
        templating,
    )
    from portal.extensions import babel, compress, csrf, db, limiter, login_manager, migrate

    # First, so its after-request hook runs last and times the whole request.
    logs.init_app(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "portal" / "migrations"), render_as_batch=True)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    compress.init_app(app)

    @app.after_request
    def buffer_static_files(response: Response) -> Response:
        # Flask streams static files; compressing a stream leaves the file open. Read
        # the (small, built) asset into memory so Flask-Compress gzips it whole.
        if request.endpoint == "static" and response.direct_passthrough:
            response.direct_passthrough = False
            response.make_sequence()
        return response

    WTFormsHelpers(app)
    assets.init_app(app)
    security.init_app(app)
    i18n.init_app(app)
    templating.init_app(app)
    app.add_template_filter(labels.label)
    app.add_template_filter(labels.role_label)
    app.add_template_filter(labels.role_explained)
    app.add_template_filter(labels.status_reason)
    app.add_template_filter(labels.status_reason_for_family)
    deadline_text.init_app(app)
    report_words.init_app(app)

    from portal.auth import session as auth_session

    auth_session.init_app(app, login_manager)


def _blueprints(app: Flask) -> None:
    from portal import errors
    from portal.admin import bp as admin_bp
    from portal.advocate import bp as advocate_bp
    from portal.auth import bp as auth_bp
    from portal.booking import bp as booking_bp
    from portal.conferences import bp as conferences_bp
    from portal.core_group import bp as core_group_bp
    from portal.decide import bp as decide_bp
    from portal.duties import bp as duties_bp
    from portal.family import bp as family_bp
    from portal.minutes import bp as minutes_bp
    from portal.professional.arrangements import bp as arrangements_bp
    from portal.professional.submissions import bp as submissions_bp
    from portal.public import bp as public_bp
    from portal.publishing import bp as publishing_bp
    from portal.reports import bp as reports_bp
    from portal.young_person import bp as young_person_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(conferences_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(booking_bp)
    app.register_blueprint(family_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(duties_bp)
    app.register_blueprint(decide_bp)
    app.register_blueprint(submissions_bp)
    app.register_blueprint(arrangements_bp)
    app.register_blueprint(advocate_bp)
    app.register_blueprint(young_person_bp)
    app.register_blueprint(minutes_bp)
    app.register_blueprint(core_group_bp)
    app.register_blueprint(publishing_bp)
    errors.init_app(app)
    # Static files are public; declare it like every other route.
    from portal.access import public

    public(app.view_functions["static"])


def _commands(app: Flask) -> None:
    from portal.commands.advocates import advocate_clock_command
    from portal.commands.council import council_group
    from portal.commands.deadlines import deadlines_command
    from portal.commands.decisions import decision_clock_command
    from portal.commands.demo import demo_command
    from portal.commands.worker import worker_command

    app.cli.add_command(demo_command)
    app.cli.add_command(deadlines_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(council_group)
    app.cli.add_command(advocate_clock_command)
    app.cli.add_command(decision_clock_command)
