"""
Runs QualCoder's own REFI-QDA code (vendored, unmodified, under ./vendor) without Qt.

What is ours (stand-ins): a fake PyQt6 (every widget, enum and call is inert; file dialogs answer
with the paths we give; message boxes say OK), and three QualCoder modules replaced by stubs
because they pull in the whole GUI, PyMuPDF, Pillow, VLC or LLM libraries but contribute nothing
to REFI-QDA import/export:
  qualcoder.helpers   -> Message (records the message, exec() returns OK), get_default_user_directory
  qualcoder.ai_llm    -> get_default_ai_models / update_ai_models (no AI models)
  qualcoder.speakers  -> speaker_coder_name (the constant, copied from speakers.py)

What is QualCoder's (vendored, run as is):
  qualcoder/refi.py            RefiImport, RefiExport
  qualcoder/app.py             App (settings, create_connection, update_coder_names, get_annotations)
  qualcoder/__main__.py        MainWindow.new_project: only that method is compiled (via ast) and run;
                               it makes the project folder and database exactly as QualCoder does
  qualcoder/color_selector.py  colours and color_matcher used by the importer
  qualcoder/GUI/...            two generated dialog classes refi.py / color_selector.py import

Only Python 3 standard library is needed (sqlite3, xml.etree, zipfile).
"""
from __future__ import annotations

import ast
import contextlib
import io
import os
import sqlite3
import sys
import types
from pathlib import Path

HERE = Path(__file__).resolve().parent
VENDOR = HERE / "vendor"
VENDORED_MAIN = VENDOR / "qualcoder" / "__main__.py"
if not (VENDOR / "qualcoder" / "refi.py").is_file():
    sys.exit(f"QualCoder's source is not in {VENDOR / 'qualcoder'}: copy the files that {VENDOR / 'README.md'} lists, from QualCoder at the commit named there.")


# ---------------------------------------------------------------- fake PyQt6

class _Any:
    """Stands for any Qt object, enum value or return value: every attribute and call is inert."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Any()

    def __call__(self, *args, **kwargs):
        return _Any()

    def __or__(self, other):
        return self

    __ror__ = __and__ = __rand__ = __xor__ = __or__

    def __invert__(self):
        return self

    def __iter__(self):
        return iter(())

    def __bool__(self):
        return False

    def __int__(self):
        return 0


class _AnyMeta(type):
    """Class-level attribute access (enums such as QFileDialog.Option.X) gives an inert value."""

    def __getattr__(cls, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Any()


class _QtObject(metaclass=_AnyMeta):
    """Base of every fake Qt class; unknown methods are inert."""

    def __init__(self, *args, **kwargs):
        pass

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return _Any()


class _QDialog(_QtObject):
    def exec(self):
        return 1  # QDialog.DialogCode.Accepted


class _QRadioButton(_QtObject):
    def __init__(self, *args, **kwargs):
        self._checked = False

    def setChecked(self, value):
        self._checked = bool(value)

    def isChecked(self):
        return self._checked


class Dialogs:
    """The answers the fake file dialogs give, set by the caller before running QualCoder code."""

    open_file = ""  # getOpenFileName
    save_file = ""  # getSaveFileName
    directory = ""  # getExistingDirectory
    asked: list = []


class _QFileDialog(_QtObject):
    @staticmethod
    def getOpenFileName(*args, **kwargs):
        Dialogs.asked.append(("getOpenFileName", args[1] if len(args) > 1 else ""))
        return Dialogs.open_file, "filter"

    @staticmethod
    def getSaveFileName(*args, **kwargs):
        Dialogs.asked.append(("getSaveFileName", args[1] if len(args) > 1 else ""))
        return Dialogs.save_file, "filter"

    @staticmethod
    def getExistingDirectory(*args, **kwargs):
        Dialogs.asked.append(("getExistingDirectory", args[1] if len(args) > 1 else ""))
        return Dialogs.directory


def _pyqt_slot(*args, **kwargs):
    return lambda f: f


def _fake_module(name: str, specials: dict) -> types.ModuleType:
    mod = types.ModuleType(name)
    mod.__dict__.update(specials)
    cache: dict = {}

    def __getattr__(attr):
        if attr.startswith("__"):
            raise AttributeError(attr)
        if attr not in cache:
            cache[attr] = _AnyMeta(attr, (_QtObject,), {})
        return cache[attr]

    mod.__getattr__ = __getattr__
    return mod


def install_fake_qt() -> None:
    qtwidgets = _fake_module("PyQt6.QtWidgets", {
        "QDialog": _QDialog, "QRadioButton": _QRadioButton, "QFileDialog": _QFileDialog,
        "QMessageBox": _AnyMeta("QMessageBox", (_QDialog,), {}),
    })
    qtcore = _fake_module("PyQt6.QtCore", {"pyqtSlot": _pyqt_slot, "pyqtSignal": lambda *a, **k: _Any()})
    qtgui = _fake_module("PyQt6.QtGui", {})
    sip = _fake_module("PyQt6.sip", {})
    pyqt6 = types.ModuleType("PyQt6")
    pyqt6.__path__ = []  # a package
    pyqt6.QtWidgets, pyqt6.QtCore, pyqt6.QtGui, pyqt6.sip = qtwidgets, qtcore, qtgui, sip
    sys.modules.update({"PyQt6": pyqt6, "PyQt6.QtWidgets": qtwidgets, "PyQt6.QtCore": qtcore,
                        "PyQt6.QtGui": qtgui, "PyQt6.sip": sip})


# ---------------------------------------------------------------- QualCoder stubs

MESSAGES: list = []  # every Message box QualCoder showed: (title, text, icon)


class _Message:
    """qualcoder.helpers.Message stand-in: records the message; exec() answers OK."""

    def __init__(self, app, title, text, icon=None):
        self.title, self.text, self.icon = title, text, icon
        MESSAGES.append({"title": str(title), "text": str(text), "icon": icon})

    def exec(self):
        return 1024  # QMessageBox.StandardButton.Ok

    def __getattr__(self, name):
        return _Any()


class TextLog:
    """Stands for QualCoder's QTextEdit log (parent_textedit / ui.textEdit): keeps what it appends."""

    def __init__(self):
        self.lines: list[str] = []

    def append(self, text):
        self.lines.append(str(text))

    def __getattr__(self, name):
        return _Any()


def install_stubs(home: Path) -> None:
    helpers = types.ModuleType("qualcoder.helpers")
    helpers.Message = _Message
    helpers.get_default_user_directory = lambda: str(home)
    ai_llm = types.ModuleType("qualcoder.ai_llm")
    ai_llm.get_default_ai_models = lambda: []
    ai_llm.update_ai_models = lambda models, index, settings: (models, index, None)
    speakers = types.ModuleType("qualcoder.speakers")
    speakers.speaker_coder_name = "\U0001F4CC Speaker coding"  # speakers.py line 47
    sys.modules.update({"qualcoder.helpers": helpers, "qualcoder.ai_llm": ai_llm, "qualcoder.speakers": speakers})


# ---------------------------------------------------------------- loading QualCoder

class QualCoder:
    """The loaded QualCoder modules, with HOME pointed at a scratch folder (QualCoder writes
    ~/.qualcoder/config.ini and builds exports under ~/.qualcoder/<project>)."""

    def __init__(self, home: Path):
        home.mkdir(parents=True, exist_ok=True)
        (home / ".qualcoder").mkdir(exist_ok=True)
        os.environ["HOME"] = str(home)
        self.home = home
        install_fake_qt()
        sys.path.insert(0, str(VENDOR))
        import qualcoder  # noqa: F401  (installs builtins._ = gettext.gettext)
        install_stubs(home)
        self.stdout = io.StringIO()  # QualCoder prints (e.g. "No module named 'vlc'")
        with contextlib.redirect_stdout(self.stdout):
            from qualcoder import app as app_module
            from qualcoder import refi as refi_module
        self.app_module = app_module
        self.refi = refi_module
        self.log = TextLog()

    def new_app(self):
        with contextlib.redirect_stdout(self.stdout):
            return self.app_module.App()

    def new_project_function(self):
        """MainWindow.new_project from the vendored __main__.py, compiled alone (line numbers kept)."""
        tree = ast.parse(VENDORED_MAIN.read_text(encoding="utf-8"), filename=str(VENDORED_MAIN))
        for node in tree.body:
            if isinstance(node, ast.ClassDef) and node.name == "MainWindow":
                for item in node.body:
                    if isinstance(item, ast.FunctionDef) and item.name == "new_project":
                        module = ast.Module(body=[item], type_ignores=[])
                        code = compile(module, str(VENDORED_MAIN), "exec")
                        import datetime
                        import logging
                        from PyQt6 import QtWidgets
                        namespace = {
                            "App": self.new_app, "AiLLM": lambda *a, **k: _Any(), "QtWidgets": QtWidgets,
                            "Path": Path, "Message": _Message, "datetime": datetime,
                            "logger": logging.getLogger("qualcoder.__main__"),
                            "get_default_user_directory": lambda: str(self.home),
                        }
                        exec(code, namespace)
                        return namespace["new_project"]
        raise RuntimeError(f"MainWindow.new_project not found in {VENDORED_MAIN}")

    def create_project(self, project_path_without_suffix: Path):
        """Runs QualCoder's new_project as the menu Project > Import REFI-QDA project does
        (refi_project_import: close_project, new_project, then RefiImport). Returns the window
        stand-in, whose .app holds the open project."""
        window = _FakeMainWindow(self.new_app(), self.log)
        Dialogs.save_file = str(project_path_without_suffix)
        with contextlib.redirect_stdout(self.stdout):
            self.new_project_function()(window)
        if window.app.project_name == "":
            raise RuntimeError("QualCoder did not create the project: " + "; ".join(self.log.lines))
        return window

    def open_project(self, qda_path: Path):
        """Opens an existing project as MainWindow.open_project does, as far as REFI-QDA export
        needs: App() reads ~/.qualcoder/config.ini (coder name), connect, collate coder names.
        When the project's last coder differs from config.ini's, QualCoder asks; its default
        button is "Keep" (the config.ini coder), which is what happens here."""
        app = self.new_app()
        app.create_connection(str(qda_path))
        app.update_coder_names()
        return app

    def schema_sql(self, qda_path: Path) -> list[str]:
        conn = sqlite3.connect(Path(qda_path) / "data.qda")
        rows = conn.execute("select sql from sqlite_master where sql is not null order by type, name").fetchall()
        conn.close()
        return [r[0] for r in rows]


class _FakeMainWindow:
    """Only what MainWindow.new_project touches on self."""

    def __init__(self, app, log: TextLog):
        self.app = app
        self.ui = types.SimpleNamespace(textEdit=log, tabWidget=_Any(), tab_action_log=None,
                                        tab_reports=None, tab_coding=None, tab_manage=None)
        self.project = {}
        self.journal_display = None

    def close_project(self):
        pass

    def open_project(self, *args, **kwargs):
        pass

    def clear_tab_widgets(self, *args, **kwargs):
        pass

    def setWindowTitle(self, *args):
        pass

    def __getattr__(self, name):
        return _Any()
