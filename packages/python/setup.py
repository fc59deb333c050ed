"""The wheel carries a native library (libhs_capi.so), so it is tagged for this platform, not 'any'.

It does not depend on the Python version or ABI (the library is loaded with ctypes): py3-none-<platform>.
"""
from setuptools import setup

try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # a setuptools that ships its own bdist_wheel
    from setuptools.command.bdist_wheel import bdist_wheel


class PlatformWheel(bdist_wheel):
    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(cmdclass={"bdist_wheel": PlatformWheel})
