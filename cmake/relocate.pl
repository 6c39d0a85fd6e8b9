#!/usr/bin/perl
# Writes the install prefix into installed newsdex binaries (libnewsdex.a/.so, executables, the
# Python module): the bytes after NEWSDEX_INSTALL_PREFIX_SLOT= in common/src/entities/data_dir.cpp,
# NUL-padded to the same length, so the file's size and layout do not change. Run by
# `cmake --install` (cmake/NewsdexInstall.cmake). Usage: relocate.pl PREFIX FILE...
use strict;
use warnings;

my $prefix = shift @ARGV;
my $marker = "NEWSDEX_INSTALL_PREFIX_SLOT=";
for my $file (@ARGV) {
  open(my $in, '<:raw', $file) or die "relocate: cannot read $file: $!\n";
  local $/;
  my $data = <$in>;
  close($in);
  # The slot is 4096 bytes: the marker, the old prefix (if any), then NULs.
  # A shorter match is not the slot (the marker quoted elsewhere): left alone.
  my $count = 0;
  $data =~ s{\Q$marker\E[^\0]*\0+}{
    my $length = length($&);
    if ($length < 1024) {
      $&;
    } else {
      die "relocate: prefix too long for the slot in $file\n"
        if length($marker) + length($prefix) + 1 > $length;
      $count++;
      $marker . $prefix . ("\0" x ($length - length($marker) - length($prefix)));
    }
  }ge;
  die "relocate: no prefix slot in $file\n" if $count == 0;
  open(my $out, '>:raw', $file) or die "relocate: cannot write $file: $!\n";
  print $out $data;
  close($out) or die "relocate: cannot write $file: $!\n";
}
