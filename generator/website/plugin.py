"""The `huodong` mkdocs plugin: wires mkdocs events to the website's pieces.

on_config  load content/ once, make the public view and the news list
on_files   add the generated pages, photos, sheets and feeds as virtual files
on_page_content  render a generated page from its template; sanitise own pages
on_env     compile theme templates once across builds; find the pages that come out as last time
on_page_context / on_post_page  write those from memory, remember the others
on_serve   reload when content/ or a template changes
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..content.errors import ContentError, display_path
from ..content.loader import YamlError, read_text
from ..engine.cache import CACHE_DIR
from ..content.project import Project, load_project
from ..privacy import public_view
from ..templates import template_dirs, use_bytecode_cache
from . import gate, generated, media, verify
from .config import HuodongConfig
from .markup import sanitise
from .news import collect_posts
from .remembered import PageMemory
from .segmenter import RememberedSegmenter, compact_search_index
from .pages import Options, plan_pages, site_nav
from .render import Renderer, page_toc

SHIM = "assets/javascripts/iframe-worker.js"


class ContentPluginError(PluginError):
    """Content problems found while building, as `mkdocs build` shows them."""

    PREFIX = "内容有错误，请修改后重新生成网站："

    def __init__(self, error: ContentError):
        super().__init__(f"{self.PREFIX}\n{error}")


class HuodongPlugin(BasePlugin[HuodongConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.preloaded: Project | None = None  # set by build_site to reuse a project already loaded
        self.failure: ContentError | None = None  # kept for build_site, which lists the problems itself
        # Activity id → its blank sign-up sheet. build_site sets it and copies the sheets in itself once
        # printing has finished, so the site can build while the sheets are still being printed.
        self.sheets: dict[str, Path] | None = None
        self.offered: dict[str, Path] = {}
        self.remember = False  # build_site sets it: unchanged pages are written from .huodong-cache/pages.pickle
        self.forget = False    # `huodong build --force`: render every page, and remember them afresh
        self.memory: PageMemory | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.root = Path(config.config_file_path).resolve().parent
        try:
            project = self.project = self.preloaded or load_project(self.root)
            self.view = public_view(project)
            self.posts = collect_posts(self.root, self.view)
        except ContentError as error:
            self.failure = error
            raise ContentPluginError(error) from None
        site = self.view.site  # scrubbed, like every text the site shows
        # mkdocs-material writes site_name and site_description into HTML unescaped.
        config.site_name = str(escape(site.name))
        if site.description:
            config.site_description = str(escape(site.description))
        config.site_url = config.site_url or site.url
        config.copyright = config.copyright or f"© {str(escape(site.name))}"
        config.extra_css.insert(0, "assets/huodong.css")
        config.extra.setdefault("polyfills", [])
        if SHIM not in config.extra["polyfills"]:
            config.extra["polyfills"].append(SHIM)  # before the offline plugin would add a CDN copy
        themes = [d / "theme" for d in template_dirs(self.root, "site") if (d / "theme").is_dir()]
        at = 1 if config.theme.custom_dir else 0  # after a custom_dir, before the theme's own templates
        config.theme.dirs[at:at] = [str(d) for d in themes]
        self.options = Options(
            today=self.config.today or dt.date.today(), upcoming=self.config.upcoming,
            latest=self.config.latest, news_per_page=self.config.news_per_page,
        )
        self.base_url = config.site_url.rstrip("/") + "/" if config.site_url else None
        self.segmenter = RememberedSegmenter(self.root)
        self.segmenter.install()
        return config

    @event_priority(-50)  # after the search plugin wrote its index, before the offline plugin copies it
    def _compact_search_index(self, *, config: MkDocsConfig) -> None:
        compact_search_index(Path(config.site_dir))

    @event_priority(-200)  # after the search and offline plugins have written the search index
    def _seal_and_remember(self, *, config: MkDocsConfig) -> None:
        gate.seal(Path(config.site_dir), self.view.scrubber, self.root / CACHE_DIR / gate.MEMORY)
        memory = self.memory
        self.segmenter.uninstall(save=True, every_page=memory is None or memory.rendered == len(memory.keys))
        if memory is not None:
            memory.save()

    on_post_build = CombinedEvent(_compact_search_index, _seal_and_remember)

    def on_build_error(self, *, error: Exception) -> None:
        segmenter = getattr(self, "segmenter", None)
        if segmenter is not None:
            segmenter.uninstall(save=False)

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        specs = plan_pages(self.view, self.posts, self.options)
        self.specs = {spec.src_uri: spec for spec in specs}
        own_pages = [f.src_uri for f in files.documentation_pages()]
        for file in files:  # the organiser's own pages and files: a name typed into a file name is masked
            published = self.view.scrubber(file.dest_uri)
            if published != file.dest_uri:
                file.dest_uri = published
                for derived in ("url", "abs_dest_path"):
                    file.__dict__.pop(derived, None)
        for uri in own_pages:
            if uri in self.specs:
                raise PluginError(f"自己写的页面 {uri} 与自动生成的页面同名，请给它改个名字")
        for spec in specs:
            files.append(generated.page_file(config, spec))
        printed = media.printed_sheets(self.root) if self.sheets is None else self.sheets
        self.offered = generated.offered_sheets(self.view, printed)
        copied_by_mkdocs = generated.sheet_files(config, self.offered) if self.sheets is None else []  # plain mkdocs
        photos, self.photos = generated.photo_files(config, self.root, self.posts)
        for file in (*generated.asset_files(config, self.root),
                     *photos,
                     *copied_by_mkdocs,
                     *verify.verify_files(config, self.project),  # certificates' pages: linked from nowhere
                     *generated.feed_files(config, self.view, self.posts, self.base_url, self.config.timezone)):
            files.append(file)
        if config.nav is None:
            config.nav = site_nav(specs, own_pages)
        self.renderer = Renderer(self.root, self.view.site, self.base_url, set(self.offered), self.photos)
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        use_bytecode_cache(env, self.root)  # the theme's templates, compiled once across builds
        if self.remember and PageMemory.usable(config):  # every page's content is final by now
            self.memory = PageMemory(self.root, forget=self.forget)
            self.memory.prepare(config, files, self.nav)
        return env

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        return self.memory.context(context, page) if self.memory is not None else context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.memory is not None:
            self.memory.finished(output, page)
        return output

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        """The organiser's own page, read as every content file is (content/loader.py): a file Windows Notepad
        saved as GBK is read as GBK, any other encoding is refused with a located message, not mkdocs' error."""
        if page.file.src_uri in self.specs or not page.file.abs_src_path:
            return None
        path = Path(page.file.abs_src_path)
        try:
            text, _ = read_text(path, display_path(path, self.root))
        except YamlError as error:
            raise ContentError(error.problems) from None
        return text

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.specs:
            return markdown
        # The organiser's own page: its text and front matter pass the same scrubber as every other text;
        # mkdocs-material writes front matter values (description…) into HTML unescaped.
        clean = self.view.scrubber
        page.meta = {k: str(escape(clean(v))) if isinstance(v, str) else v for k, v in page.meta.items()}
        return clean(markdown, markdown=True)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:  # the organiser's own Markdown pages in docs_dir
            # The title (front matter, first heading or file name) is shown in the navigation of every
            # page, unescaped; a title from front matter is escaped already.
            if "title" not in page.meta:
                page.title = str(escape(self.view.scrubber(page.title or "")))
            return sanitise(html, page=True)
        html = self.renderer.render(spec, page.file, files)
        page.toc = page_toc(html)
        return html

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self.root / "content"))
        for folder in template_dirs(self.root, "site"):
            server.watch(str(folder))
        return server
