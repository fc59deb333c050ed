"""The wheel carries a native library (libhs_capi.so), so it is a platform wheel installed into platlib, not 'any'.

The library is loaded with ctypes, not built against a Python, so the tag names no Python version or ABI:
py3-none-<platform>.
"""
from setuptools import setup
from setuptools.dist import Distribution

try:
    from wheel.bdist_wheel import bdist_wheel
except ImportError:  # a setuptools that ships its own bdist_wheel
    from setuptools.command.bdist_wheel import bdist_wheel


class NativeLibraryDistribution(Distribution):
    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    def get_tag(self):
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(distclass=NativeLibraryDistribution, cmdclass={"bdist_wheel": PlatformWheel})
