greet() {
  echo "lib says hi"
}
